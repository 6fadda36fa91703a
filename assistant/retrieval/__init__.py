"""Search over clauses: embeddings in Chroma, jieba + BM25, fused in a LangChain retriever."""

from assistant.retrieval.embeddings import Embedder
from assistant.retrieval.index import SearchStack, build_search_stack
from assistant.retrieval.retriever import HybridRetriever
from assistant.retrieval.thesaurus import Thesaurus
from assistant.retrieval.tokenize import DomainTokenizer, domain_tokenizer

__all__ = [
    "DomainTokenizer",
    "Embedder",
    "HybridRetriever",
    "SearchStack",
    "Thesaurus",
    "build_search_stack",
    "domain_tokenizer",
]
