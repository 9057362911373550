select array_agg(status::text order by id) = array['open', 'closed'] from public.items
