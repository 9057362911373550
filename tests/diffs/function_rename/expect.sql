select private.twice(4) = 8 and has_function_privilege('authenticated', 'private.twice(integer)', 'EXECUTE') and not has_function_privilege('anon', 'private.twice(integer)', 'EXECUTE')
