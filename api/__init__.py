"""The web side: Starlette app, GraphQL schema and resolvers, downloads, and the CLI."""
