"""Keeps facts the user states."""

from __future__ import annotations

from assistant.skill import Reply, Request, Skill, intent
from skills.pending import not_yet


class Remember(Skill):
    """Remember facts you tell me."""

    @intent(
        "remember",
        description="remember a fact",
        examples=[
            "remember that {fact}",
            "(note|make a note) that {fact}",
            "keep in mind that {fact}",
            "{person} is my (sister|boss|dentist|neighbor|landlord)",
            "the {device} is in the {room}",
            "I put {thing} in the (drawer|car|hall closet|glovebox)",
            "my wifi password is hunter2",
            "please remember {fact}",
            "can you remember that {fact}?",
            "just so you know, {fact}",
            "fyi {fact}",
            "for future reference {fact}",
            "store this: {fact}",
            "save the fact that {fact}",
            "i left {thing} (at the office|in my backpack|under the bed)",
            "{thing} (is|are) in the {room} now",
            "my (locker code|gate code|bike lock combination) is (4312|0917|7788)",
            "note to self {fact}",
            "jot down that {fact}",
            "{person}'s birthday is (march 3rd|june 12|the 9th of october)",
            "{person}'s (phone number|extension) is 555 0199",
            "add to my notes: {fact}",
            "heads up, {fact}, keep that in mind",
            "i parked the car (on level 3|in the blue section|on elm street)",
            "{person} works (in accounting|at the hospital|on project atlas)",
            "my (license plate|passport number) is (KX 4521|X1234567)",
            "remmeber that {fact}",
            "ok so um remember that {fact} ok",
            "i want you to remember something {fact}",
            "{person} is allergic to (peanuts|shellfish|cats)",
            "the spare key is under the (mat|flower pot)",
            "my favorite (color|food) is (green|sushi)",
            "memorize this: {fact}",
            "{topic} is (in the shared drive|in the blue folder)",
            "keep track of the fact that {fact}",
            "Dr. Nakamura's clinic is on 4th street",
            "{person}'s email is sean.oneil@example.com",
            "i keep {thing} in the (top drawer|safe|blue box)",
            "remember i'm allergic to penicillin",
            "remember this for me {fact}",
            "please note {fact}",
            "mental note: {fact}",
            "{person} just moved to (Denver|the third floor)",
            "my blood group is A positive",
            "our anniversary is on (june 4th|the 22nd of august)",
            "{person} prefers (tea|to be called Sam)",
            "so i just want to let you know that {fact}, could you keep that somewhere",
            "rememebr {fact}",
            "the code for the garage is 4471",
            "i lent {thing} to {person}",
            "ok note this down {fact}",
        ],
    )
    def remember(self, req: Request) -> Reply:
        """Remember a fact."""
        return not_yet("Remembering facts", req)
