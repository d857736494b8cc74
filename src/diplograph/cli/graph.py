"""``diplograph blocs``: alliance blocs from the signed actor network (being written)."""
