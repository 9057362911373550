select array_agg(status::text order by id) = array['open', 'done'] from public.items
