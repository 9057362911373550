select (select count(*) from public.documents) = 2 and (select count(*) from public.under('top')) = 0
