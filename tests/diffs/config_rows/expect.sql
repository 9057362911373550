select (select array_agg(id order by id) from public.plans) = '{custom,free,pro,team}'
  and (select monthly_cents from public.plans where id = 'pro') = 1900
  and (select features->>'sso' from public.plans where id = 'pro') = 'true'
  and (select maintenance from public.settings where id = 1)
