"""The intent classifier: a sentence encoder, mean pooling and one linear layer."""

from __future__ import annotations

import torch
from torch import nn


class IntentClassifier(nn.Module):
    def __init__(self, encoder: nn.Module, hidden_size: int, n_labels: int, dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(hidden_size, n_labels)

    def embed(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """(batch, seq) token ids → (batch, hidden) mean of the real tokens' states."""
        hidden = self.encoder(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=torch.zeros_like(input_ids),
        ).last_hidden_state  # (batch, seq, hidden)
        weights = attention_mask.unsqueeze(-1).to(hidden.dtype)  # (batch, seq, 1)
        return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """(batch, n_labels) logits."""
        return self.head(self.dropout(self.embed(input_ids, attention_mask)))
