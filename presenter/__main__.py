from presenter.launch import main

main()
