select (select euros from public.price_list) = 2.5
