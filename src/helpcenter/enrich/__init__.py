"""The knowledge base made from the parsed FAQ: permanent IDs, products, tags, error
prompts, waits, related questions, what readers taught."""
