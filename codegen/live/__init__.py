"""The live database: a throwaway PostgreSQL with what Supabase provides, and what codegen
reads from a database."""
