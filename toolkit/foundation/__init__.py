"""Stage 0, the foundation: rules about text, dates, countries, addresses and names that every
later stage shares, and the located problem every stage reports. Imports nothing of the toolkit."""
