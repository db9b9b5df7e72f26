print("gleanerctl")
