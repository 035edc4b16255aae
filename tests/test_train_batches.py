"""Training's batching and its contrastive loss, on small tensors (real torch)."""

from __future__ import annotations

import torch

from finetune.train import length_batches, supervised_contrastive


def test_length_batches_cover_every_sentence_once_and_group_similar_lengths():
    lengths = [
        int(n) for n in torch.randint(3, 120, (1000,), generator=torch.Generator().manual_seed(1))
    ]
    batches = length_batches(lengths, 32, torch.Generator().manual_seed(2))
    assert sorted(i for batch in batches for i in batch) == list(range(1000))
    spread = sum(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in batches)
    unsorted = [list(range(s, min(s + 32, 1000))) for s in range(0, 1000, 32)]
    random_spread = sum(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in unsorted)
    assert spread < random_spread / 4  # far less padding than batches in random order
    again = length_batches(lengths, 32, torch.Generator().manual_seed(2))
    assert again == batches  # seeded: the same epoch again
    other = length_batches(lengths, 32, torch.Generator().manual_seed(3))
    assert other != batches


def test_contrastive_loss_rewards_intents_that_cluster_and_ignores_out_of_scope_pairs():
    labels = torch.tensor([0, 0, 1, 1, 2, 2])
    apart = torch.tensor([[1.0, 0], [1, 0.1], [0, 1], [0.1, 1], [-1, 0], [0, -1]])
    mixed = torch.tensor([[1.0, 0], [0, 1], [1, 0.1], [0.1, 1], [-1, 0], [0, -1]])
    assert supervised_contrastive(apart, labels, 2) < supervised_contrastive(mixed, labels, 2)
    # Label 2 is out of scope: its two sentences, far apart here, are not pulled together.
    far = torch.tensor([[1.0, 0], [1, 0.1], [0, 1], [0.1, 1], [-1, 0], [0.7, -0.7]])
    as_a_class = supervised_contrastive(far, labels, unrelated=-1)
    assert supervised_contrastive(far, labels, unrelated=2) < as_a_class - 0.5
    only_oos = supervised_contrastive(apart[4:], labels[4:], 2)
    assert only_oos.item() == 0.0
