select has_schema_privilege('authenticated', 'basejump', 'USAGE') and has_schema_privilege('service_role', 'basejump', 'USAGE') and not has_schema_privilege('anon', 'basejump', 'USAGE')
