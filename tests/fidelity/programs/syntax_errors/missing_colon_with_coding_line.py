# -*- coding: utf-8 -*-
nom = "Zoë"
if nom == "Zoë"
    print("salut")
