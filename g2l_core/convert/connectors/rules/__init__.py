"""Connector rules, one module per family, listed in the rule table (``g2l_core.convert.registry``); they
run before the generic read/write rules, which handle files and catalog tables."""
