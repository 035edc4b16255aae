"""A tiny real causal LM for the transformers backend's tests, built and saved in seconds.

A randomly initialised 2-layer GPT-2 with a WordLevel tokenizer trained on a few sentences:
the text it writes is noise, but loading, templating, generating and decoding are real.
"""

from __future__ import annotations

from pathlib import Path

SENTENCES = [
    "the desk lamp is in the study",
    "the spare key is under the blue pot",
    "banana bread bakes for forty minutes",
    "System : User : Assistant : answer the question",
]


def build_tiny_model(directory: Path, chat_template: str | None = None) -> Path:
    """A randomly initialised 2-layer GPT-2 and a WordLevel tokenizer, saved like a hub model."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    tokenizer = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.train_from_iterator(
        SENTENCES, trainers.WordLevelTrainer(special_tokens=["[UNK]", "[EOS]"])
    )
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="[UNK]", eos_token="[EOS]")
    if chat_template:
        fast.chat_template = chat_template
    fast.save_pretrained(directory)
    torch.manual_seed(0)
    model_config = GPT2Config(
        vocab_size=tokenizer.get_vocab_size(),
        n_layer=2,
        n_embd=32,
        n_head=2,
        n_positions=64,
        bos_token_id=1,
        eos_token_id=1,
    )
    model = GPT2LMHeadModel(model_config)
    with torch.no_grad():  # [UNK] and [EOS] score 0, so greedy decoding picks visible words
        model.transformer.wte.weight[:2] = 0
    model.save_pretrained(directory)
    return directory
