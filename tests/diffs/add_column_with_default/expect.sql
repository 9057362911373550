select bool_and(priority = 3) from public.items
