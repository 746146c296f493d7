class Config:
    DEBUG = True
    LEVEL = 3
    NAME = "app" + LEVEL
