select array_agg(details order by id) = array['x', null] from public.items
