"""Agent mode: with an LLM configured, the skills become the tools of an agent."""
