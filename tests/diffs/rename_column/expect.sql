select array_agg(name order by id) = array['a', 'b'] from public.items
