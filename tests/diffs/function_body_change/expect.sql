select public.with_tax(10) = 12.00 and (select count(*) from public.items) = 2
