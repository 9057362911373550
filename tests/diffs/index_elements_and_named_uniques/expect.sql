select (select count(*) from public.members) = 2
  and (select indexdef like '%NULLS NOT DISTINCT%' from pg_indexes where indexname = 'members_handle_idx')
  and (select indexdef like '%INCLUDE (email)%' from pg_indexes where indexname = 'members_org_id_handle_idx')
