select bool_and(views = 0) from public.items
