select (select touched from public.events) = 1 and pg_typeof(public.owner_of(1))::text = 'uuid'
