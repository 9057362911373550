insert into public.teams default values; insert into public.teams default values;
