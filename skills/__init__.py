"""Built-in skills, registered through the `assistant.skills` entry points like any plugin."""
