print("cstoq")
