select not has_function_privilege('authenticated', 'public.secret()', 'EXECUTE') and not has_function_privilege('anon', 'public.secret()', 'EXECUTE')
