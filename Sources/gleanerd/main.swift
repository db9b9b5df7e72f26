print("gleanerd")
