select array_agg(state::text order by id) = array['draft', 'live'] from public.items
