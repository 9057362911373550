insert into public.items default values;
