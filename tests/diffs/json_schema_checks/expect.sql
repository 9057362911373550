select count(*) = 2 and bool_and(payload ? 'kind') from public.events;
