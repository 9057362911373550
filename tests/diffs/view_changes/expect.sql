select (select count(*) from public.items) = 3
  and (select array_agg(name order by id) from public.cheap_items) = '{pen}'
  and (select items from public.price_totals) = 3
