select array_agg(slug order by id) = array['a-1', 'b-2'] from public.items
