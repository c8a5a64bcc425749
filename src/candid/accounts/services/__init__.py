"""Every write of client accounts; views and admin actions call these."""
