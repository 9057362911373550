select count(*) = 2 from public.items where summary is null
