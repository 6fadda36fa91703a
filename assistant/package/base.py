"""The base of every package model: unknown keys are refused, values are frozen."""

from pydantic import BaseModel, ConfigDict


class PackageModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
