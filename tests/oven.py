"""A small skill that asks back in each way, and a scripted intent model for it: the fast
dialogue and REPL tests drive the real pipeline with these instead of the MiniLM model."""

from __future__ import annotations

from assistant import Reply, Request, Skill, ask, choose, confirm, intent
from assistant.nlu.prediction import Prediction
from assistant.slots import Number, Text, Time


class Oven(Skill):
    """Preheat the oven and order pizza."""

    @intent(
        "oven.preheat",
        examples=["preheat the oven", "heat the oven to 180 degrees"],
        slots={"degrees": Number(unit="degrees?"), "when": Time()},
    )
    def preheat(self, req: Request) -> Reply:
        if "degrees" not in req.slots:
            return Reply.asking(ask("degrees", "To how many degrees?"))
        return Reply(text=f"Preheating to {req.slots['degrees']} degrees.", data=dict(req.slots))

    @intent("oven.clean", examples=["clean the oven"])
    def clean(self, req: Request) -> Reply:
        if not req.confirmed:
            return Reply.asking(confirm("Self-cleaning locks the door for 2 hours. Start it?"))
        return Reply(text="Self-clean started.", actions=[{"type": "oven.clean"}])

    @intent(
        "oven.pizza",
        examples=["order a pizza"],
        slots={"size": Text(pattern=r"\b(small|medium|large)\b")},
    )
    def pizza(self, req: Request) -> Reply:
        if "size" not in req.slots:
            return Reply.asking(choose("size", "Which size?", ["small", "medium", "large"]))
        return Reply(text=f"Ordering a {req.slots['size']} pizza.")


SCRIPT = {
    "preheat the oven": Prediction("oven.preheat", 0.95),
    "clean the oven": Prediction("oven.clean", 0.95),
    "order a pizza": Prediction("oven.pizza", 0.95),
    "order a large pizza": Prediction("oven.pizza", 0.95),
    "what's the weather": Prediction("out_of_scope", 0.95),
}


class Scripted:
    """An intent model whose answers are the SCRIPT above; anything else is out of scope."""

    labels = ["oven.clean", "oven.pizza", "oven.preheat", "out_of_scope"]

    def predict(self, texts: list[str]) -> list[Prediction]:
        return [SCRIPT.get(t, Prediction("out_of_scope", 0.9)) for t in texts]
