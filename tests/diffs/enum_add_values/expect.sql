select bool_and(status = 'open') from public.items
