-- The Discord name a link was made under (global display name, else username), so a player can be
-- found by the Discord user linked to it (autocomplete). Refreshed whenever the link is made again.
alter table discord_links add column discord_name text check (length(discord_name) between 1 and 100);
