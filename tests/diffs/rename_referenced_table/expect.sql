select count(*) = 1 from public.comments c join public.entries e on e.id = c.item_id
