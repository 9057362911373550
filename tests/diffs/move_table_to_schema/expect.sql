select count(*) = 2 from private.items
