with u as (update public.posts set title = 'World' returning slug) select (select slug from u) = 'world'
