"""Search over clauses: embeddings in Chroma, jieba + BM25, fused in a LangChain retriever."""

from assistant.language.normalise import normalise_query
from assistant.retrieval.embeddings import Embedder
from assistant.retrieval.index import SearchStack, build_search_stack
from assistant.retrieval.retriever import HybridRetriever

__all__ = ["Embedder", "HybridRetriever", "SearchStack", "build_search_stack", "normalise_query"]
