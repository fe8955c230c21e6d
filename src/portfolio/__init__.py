"""Portfolio governance of a municipality's digitalisation fund and PM3 objekt."""
