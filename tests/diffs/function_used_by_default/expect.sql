with t as (insert into public.teams default values returning code) select (select code from t) like 'X-%' and (select count(*) from public.teams) = 2
