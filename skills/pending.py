"""The honest answer of a built-in skill whose backend has not landed yet."""

from __future__ import annotations

from assistant.skill import Reply, Request


def not_yet(capability: str, req: Request) -> Reply:
    """Say plainly that `capability` is not available, and show what was understood."""
    understood = ", ".join(f"{k}={v}" for k, v in req.slots.items())
    detail = f" I understood {req.intent}" + (f" ({understood})." if understood else ".")
    return Reply(
        text=f"{capability} isn't available yet.{detail}",
        data={"status": "not_available", "intent": req.intent, "slots": req.slots},
    )
