"""Streamlit entry point (``streamlit run app.py``): the page reads the stage tables named in the environment."""

from g2l_core.dashboard.page import main

main()
