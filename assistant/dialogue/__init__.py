"""Dialogue: routing a prediction to a decision, the session it reads, questions asked back,
clarification, compound commands, follow-ups and corrections."""
